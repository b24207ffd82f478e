grid = {
    "row": [1, 2,
}
