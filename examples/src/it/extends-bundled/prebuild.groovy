// The example plus a version that extends a bundled one across repositories: huaian@2022 here extends
// huaian@2021 from org.huzhu:rulesets, which the pom then adds as a second test dependency.
evaluate(new File(copyUnionRepository))
def pom = new File(basedir, 'pom.xml')
def text = pom.getText('UTF-8')
def changed = text.replace('  </dependencies>', '''    <dependency>
      <groupId>org.huzhu</groupId>
      <artifactId>rulesets</artifactId>
      <version>0.1.0-SNAPSHOT</version>
      <scope>test</scope>
    </dependency>
  </dependencies>''')
assert changed != text
pom.write(changed, 'UTF-8')
def version = new File(basedir, 'rulesets/huaian/2022')
new File(version, 'cases').mkdirs()
new File(version, 'ruleset.yaml').write('''\
scheme: huaian
version: "2022"
extends: huaian@2021
name:
  zh: 淮安市城市困难职工医疗"兜底"保障（2022年，示例）
  en: Huai'an medical backstop for hardship-registered worker households 2022 (example)
effective:
  from: 2022-01-01
  to: 2022-12-31
''', 'UTF-8')
new File(version, 'parameters.yaml').write('''\
householdYearlyShare:
  type: money
  value: 2500
  description: the most a hardship-registered household bears in a calendar year (3,000 in 2021)
  provenance:
    label: assumed
    why: a made-up figure, to show a union's version extending a bundled one
''', 'UTF-8')
new File(version, 'cases/backstop.yaml').write('''\
# The household's self-pay of the year above 2,500 (2021: 3,000). Worked out by hand.
member: {id: M-HA-101, unionMember: true, hardshipRegistered: true, householdId: H-HA-101}
cases:
  - name: "base 3,500 → 1,000 above the 2022 share"
    claim:
      claimDate: 2022-03-01
      stays: [{admissionDate: 2022-03-01, dischargeDate: 2022-03-10, coPay: 3000, outOfPolicy: 500}]
    expect:
      benefits: {HARDSHIP_BACKSTOP: 1000}
      version: "2022"
  - name: "a stay admitted in 2021 counts 0 here: 4,000 → 1,500"
    claim:
      claimDate: 2022-01-05
      stays:
        - {admissionDate: 2021-12-20, dischargeDate: 2022-01-02, coPay: 5000}
        - {admissionDate: 2022-01-05, dischargeDate: 2022-01-10, coPay: 4000}
    expect:
      benefits: {HARDSHIP_BACKSTOP: 1500}
      warnings: [OUTSIDE_COVERAGE_PERIOD]
  - name: "a member who is not hardship-registered is refused"
    claim:
      member: {id: M-HA-102, unionMember: true, hardshipRegistered: false}
      claimDate: 2022-05-01
      stays: [{admissionDate: 2022-05-01, dischargeDate: 2022-05-10, coPay: 9000}]
    expect:
      benefits: {}
      rejections: [NOT_HARDSHIP_REGISTERED]
  - name: "the claim date picks the bundled 2021 version: base 3,500 → 500"
    ruleset: huaian
    claim:
      claimDate: 2021-12-01
      stays: [{admissionDate: 2021-12-01, dischargeDate: 2021-12-05, coPay: 3500}]
    expect:
      benefits: {HARDSHIP_BACKSTOP: 500}
      version: "2021"
''', 'UTF-8')
