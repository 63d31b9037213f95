"""drafter: 总结起草助手.

Mine the register of real Chinese government 工作总结 into a phrase bank (offline),
and draft a unit's annual summary from its figures as a GB/T 9704 .docx (online).

The online paths (draft, bulk, wizard) must never import jieba or scikit-learn.
"""

__version__ = "0.1.0"
