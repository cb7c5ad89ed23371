"""bulletin: a written Hindi news article in, a broadcast-quality podcast episode out.

Pipeline (data flows one way): article → segments → speech text → audio → episode → feed.
"""

__version__ = "0.1.0"
