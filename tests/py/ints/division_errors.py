for expr in ["1 / 0", "1 // 0", "1 % 0", "1.0 / 0", "1 // 0.0", "5.5 % 0", "divmod(1, 0)", "0 ** -1"]:
    try:
        eval_result = None
        if expr == "1 / 0":
            eval_result = 1 / 0
        elif expr == "1 // 0":
            eval_result = 1 // 0
        elif expr == "1 % 0":
            eval_result = 1 % 0
        elif expr == "1.0 / 0":
            eval_result = 1.0 / 0
        elif expr == "1 // 0.0":
            eval_result = 1 // 0.0
        elif expr == "5.5 % 0":
            eval_result = 5.5 % 0
        elif expr == "divmod(1, 0)":
            eval_result = divmod(1, 0)
        else:
            eval_result = 0 ** -1
        print(expr, "=", eval_result)
    except ZeroDivisionError as e:
        print(expr, "->", type(e).__name__, e)
