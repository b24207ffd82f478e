import shapes
import bad_syntax
