"""Qt models of KPI Desk."""
