"""Invented but realistic data for trying the program (``pcmt demo``)."""

from pcmt_desktop.demo.generator import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
