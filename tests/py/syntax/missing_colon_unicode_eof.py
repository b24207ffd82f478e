# A header missing its colon at the end of the file, after non-ASCII text.
for s in ["naïve", "✓✓ ok", "日本"]