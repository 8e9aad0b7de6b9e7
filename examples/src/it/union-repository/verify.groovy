// `mvn verify` in the example ran every case as a named JUnit test, in order, and printed each version's rule
// coverage. The names below are written out by hand from the case files.
import groovy.xml.XmlSlurper

def report = new File(basedir, 'target/surefire-reports/TEST-org.example.union.RulesetCasesTest.xml')
assert report.isFile() : "no Surefire report at $report"
def suite = new XmlSlurper().parse(report)
def names = suite.testcase.collect { it.@name.toString() }
assert names == [
    'qingshan@2024 / has case files',
    'qingshan@2024 / aid.yaml / self-pay 1,000 is all deductible → 0',
    'qingshan@2024 / aid.yaml / self-pay 3,000.01 → 1,000.01 (half of 2,000.01, to the fen)',
    'qingshan@2024 / aid.yaml / self-pay 30,000 → the yearly cap 10,000',
    'qingshan@2024 / aid.yaml / an earlier stay of the year counts, and what was paid for it is deducted → 1,000',
    'qingshan@2024 / aid.yaml / special outpatient care counts 0, with a warning → 1,000 for the stay',
    'qingshan@2024 / aid.yaml / a stay admitted before the coverage year counts 0, with a warning → 1,000',
    'qingshan@2024 / aid.yaml / a member who is not a union member is refused',
    'qingshan@2024 / aid.yaml / a member without an enrolment is refused',
    'qingshan@2024 / aid.yaml / a claim dated 2023 is outside every version',
    'qingshan@2025 / has case files',
    'qingshan@2025 / aid.yaml / self-pay 3,000 → 1,200 at the 2025 rate',
    "qingshan@2025 / aid.yaml / the claim date picks the version: 2024-12-31 is paid at 2024's 50% → 1,000",
    'qingshan@2025 / aid.yaml / self-pay 30,000 → the 2025 yearly cap 12,000',
    'qingshan@2025 / aid.yaml / special outpatient care alone → 0, with a warning',
    'qingshan@2025 / aid.yaml / a stay admitted in 2024 on a claim dated 2025 counts 0 here, with a warning',
    'qingshan@2025 / aid.yaml / a member who is not a union member is refused',
    'qingshan@2024 / every rule fired in some case',
    'qingshan@2025 / every rule fired in some case',
]
assert suite.@tests.toString() == '19'
assert suite.@failures.toString() == '0'
assert suite.@errors.toString() == '0'
assert suite.@skipped.toString() == '0'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('rule coverage qingshan@2024: 5/5 (100%)')
assert log.contains('rule coverage qingshan@2025: 5/5 (100%)')
assert log.contains('Tests run: 19, Failures: 0, Errors: 0, Skipped: 0')
