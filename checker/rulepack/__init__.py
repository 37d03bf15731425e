"""rulepack."""
