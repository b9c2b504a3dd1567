"""Reading filled paper worksheets back from scans and photos (`facilitator scan`).

`code` is what printing and scanning share (the sheet code's text, where the corner
markers and the code sit); it needs nothing. The rest reads images and needs the `scan`
extra (numpy, OpenCV, zxing-cpp): see docs/scanning.md.
"""
