"""Reports: the domain rules, the service that records them, their lists, JSON form and exports."""
