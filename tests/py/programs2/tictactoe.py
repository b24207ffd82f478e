# Tic-tac-toe with a minimax player (alpha-beta, memoized by board string),
# playing itself and some scripted positions.

LINES = [(0, 1, 2), (3, 4, 5), (6, 7, 8), (0, 3, 6), (1, 4, 7), (2, 5, 8), (0, 4, 8), (2, 4, 6)]


def winner(b):
    for i, j, k in LINES:
        if b[i] != "." and b[i] == b[j] == b[k]:
            return b[i]
    return "draw" if "." not in b else None


MEMO = {}
STATS = {"nodes": 0}


def minimax(b, player, alpha=-2, beta=2):
    key = (b, player)
    if key in MEMO:
        return MEMO[key]
    STATS["nodes"] += 1
    w = winner(b)
    if w is not None:
        return {"X": 1, "O": -1, "draw": 0}[w], None
    best_move = None
    best = -2 if player == "X" else 2
    for i in range(9):
        if b[i] != ".":
            continue
        nb = b[:i] + player + b[i + 1:]
        score, _ = minimax(nb, "O" if player == "X" else "X", alpha, beta)
        if (player == "X" and score > best) or (player == "O" and score < best):
            best, best_move = score, i
        if player == "X":
            alpha = max(alpha, best)
        else:
            beta = min(beta, best)
        if alpha >= beta:
            break
    if alpha < best < beta or best_move is None:
        MEMO[key] = (best, best_move)
    return best, best_move


def show(b):
    return "\n".join([" ".join(b[r * 3:r * 3 + 3]) for r in range(3)])


def play(board="." * 9, player="X"):
    moves = []
    while winner(board) is None:
        _, move = minimax(board, player)
        moves.append(move)
        board = board[:move] + player + board[move + 1:]
        player = "O" if player == "X" else "X"
    return board, moves, winner(board)


board, moves, result = play()
print(show(board))
print("moves:", moves, "result:", result, "nodes:", STATS["nodes"] > 0)
for start in ["X...O....", "XX..O....", "X.O.X....", "OO.XX....", "XOXOXO..."]:
    player = "X" if start.count("X") == start.count("O") else "O"
    score, move = minimax(start, player)
    final, moves, result = play(start, player)
    print(f"{start} {player} to move: score {score:+d}, best {move}, game {moves} -> {result}")
print(winner("XXXOO...."), winner("XOXXOOOXX"), winner("........."), winner("O..O..O.."))
