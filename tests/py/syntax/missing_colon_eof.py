# A header missing its colon at the very end of the file.
for s in ["naive", "ok"]