// The example exactly as shipped.
evaluate(new File(copyUnionRepository))
