"""Typed models of rubric and case files, and of the report."""
