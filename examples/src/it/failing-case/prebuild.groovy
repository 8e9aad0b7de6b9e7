// The example with one expectation changed from 1000.01 to 1000.02.
evaluate(new File(copyUnionRepository))
def cases = new File(basedir, 'rulesets/qingshan/2024/cases/aid.yaml')
def text = cases.getText('UTF-8')
def changed = text.replace('benefits: {INPATIENT_AID: 1000.01}', 'benefits: {INPATIENT_AID: 1000.02}')
assert changed != text
cases.write(changed, 'UTF-8')
