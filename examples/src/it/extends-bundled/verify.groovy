// A version in the union's repository extends a bundled version (org.huzhu:rulesets on the test classpath):
// it loads, its cases run and pass, and only the repository's own versions are tested.
import groovy.xml.XmlSlurper

def suite = new XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-org.example.union.RulesetCasesTest.xml'))
def names = suite.testcase.collect { it.@name.toString() }
assert names.findAll { it.startsWith('huaian@2022 / ') } == [
    'huaian@2022 / has case files',
    'huaian@2022 / backstop.yaml / base 3,500 → 1,000 above the 2022 share',
    'huaian@2022 / backstop.yaml / a stay admitted in 2021 counts 0 here: 4,000 → 1,500',
    'huaian@2022 / backstop.yaml / a member who is not hardship-registered is refused',
    'huaian@2022 / backstop.yaml / the claim date picks the bundled 2021 version: base 3,500 → 500',
    'huaian@2022 / every rule fired in some case',
]
assert names.findAll { it.startsWith('huaian@2021') || it.startsWith('wujin') }.isEmpty()
assert suite.@tests.toString() == '25'
assert suite.@failures.toString() == '0'
assert suite.@errors.toString() == '0'
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('rule coverage huaian@2022: 4/4 (100%)')
