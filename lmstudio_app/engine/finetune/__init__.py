"""Fine-tuning: downstream tasks, their data and metrics, and the strategies that pick what trains."""
