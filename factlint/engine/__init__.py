"""The one engine behind every shell: rule loading, configuration, checking documents, the
parallel driver, the results cache and the public API."""
