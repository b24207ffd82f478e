# helper module: a subpackage
print("kit.tools: init runs")
