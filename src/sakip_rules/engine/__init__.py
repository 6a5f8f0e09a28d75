"""Evaluating rules on data: calculations with traces, Tabel 3.2, budget, comparisons."""
