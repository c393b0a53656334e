"""Reports keep no rows yet; generated PDFs and exports are built on request or by tasks."""
