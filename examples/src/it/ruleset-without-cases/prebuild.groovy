// The example with qingshan@2025's cases/ removed.
evaluate(new File(copyUnionRepository))
def cases = new File(basedir, 'rulesets/qingshan/2025/cases')
assert cases.deleteDir()
