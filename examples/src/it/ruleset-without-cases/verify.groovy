// The build failed because qingshan@2025 has no cases (so none of its rules fired either); 2024 still passed.
import groovy.xml.XmlSlurper

def suite = new XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-org.example.union.RulesetCasesTest.xml'))
assert suite.@tests.toString() == '13'
def failed = suite.testcase.findAll { it.failure.size() > 0 }
assert failed.collect { it.@name.toString() } ==
        ['qingshan@2025 / has case files', 'qingshan@2025 / every rule fired in some case']
assert failed[0].failure.@message.toString().contains('qingshan@2025 has no case files')
assert failed[1].failure.@message.toString().contains('rule coverage qingshan@2025: 0/5 (0%)')
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('rule coverage qingshan@2024: 5/5 (100%)')
assert log.contains('BUILD FAILURE')
