"""System status: services, job queues, scheduler heartbeat and plugins at a glance."""
