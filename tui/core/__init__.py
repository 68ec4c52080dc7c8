"""The pure core: files in, one immutable `Comparison` out. Never imports Textual or Rich."""
