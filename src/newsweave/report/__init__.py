"""Renderings of a dossier: the JSON contract (``report.dossier``) and the HTML report (``report.html``)."""
