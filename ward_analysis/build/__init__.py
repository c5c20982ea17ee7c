"""The build: report notebooks run with Papermill in warm kernels, exported to offline HTML,
and an index page (``ward-analysis reports``)."""
