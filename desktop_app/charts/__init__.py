"""Qt charts of KPI Desk."""
