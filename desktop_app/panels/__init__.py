"""Qt panels of KPI Desk."""
