"""The data a rule set is evaluated on: organisation, plans, budget, realisations.

``model`` holds the in-memory shape; ``folder`` reads it from a data folder;
the store (``sakip_rules.store``) builds the same shape from the database.
"""
