"""The Sluice pipeline "Routes by state": runtime, node SQL and manifest."""
