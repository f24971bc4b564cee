"""The Sluice pipeline "Flight delays by state": runtime, node SQL and manifest."""
