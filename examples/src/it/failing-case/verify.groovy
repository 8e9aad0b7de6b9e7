// The build failed on that case alone, and the report says which case, expected and actual.
import groovy.xml.XmlSlurper

def suite = new XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-org.example.union.RulesetCasesTest.xml'))
assert suite.@tests.toString() == '19'
assert suite.@failures.toString() == '1'
def failed = suite.testcase.findAll { it.failure.size() > 0 }
assert failed.collect { it.@name.toString() } ==
        ['qingshan@2024 / aid.yaml / self-pay 3,000.01 → 1,000.01 (half of 2,000.01, to the fen)']
assert failed[0].failure.@message.toString().contains('INPATIENT_AID: expected 1000.02, actual 1000.01')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('Tests run: 19, Failures: 1, Errors: 0, Skipped: 0')
assert log.contains('BUILD FAILURE')
