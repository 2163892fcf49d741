"""PCMT desktop: the drug-prevention registries and reports of one police office."""

__version__ = "0.1.0"
