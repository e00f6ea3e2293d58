/// The built-in framework `soc2`: the AICPA Trust Services Criteria (2017, points of focus
/// revised 2022), 61 criteria in five categories, security always in scope. The short titles
/// and series names are our own wording.
public enum SOC2 {
  /// SOC 2 as a built-in framework.
  public static let builtIn = BuiltInFramework(
    id: "soc2", displayName: "SOC 2",
    title: "SOC 2 Trust Services Criteria (2017, revised points of focus 2022)",
    categories: ["security", "availability", "processing-integrity", "confidentiality", "privacy"],
    requiredCategory: "security",
    requirements: criteria.map { Framework.Requirement(id: $0.0, title: $0.1, category: category(of: $0.0)) },
    seriesNames: seriesNames)

  static func category(of id: String) -> String {
    if id.hasPrefix("CC") { return "security" }
    if id.hasPrefix("A1") { return "availability" }
    if id.hasPrefix("PI1") { return "processing-integrity" }
    if id.hasPrefix("C1") { return "confidentiality" }
    return "privacy"
  }

  static let seriesNames: [String: String] = [
    "CC1": "Control environment", "CC2": "Communication and information", "CC3": "Risk assessment",
    "CC4": "Monitoring activities", "CC5": "Control activities", "CC6": "Logical and physical access",
    "CC7": "System operations", "CC8": "Change management", "CC9": "Risk mitigation", "A1": "Availability",
    "PI1": "Processing integrity", "C1": "Confidentiality", "P1": "Notice", "P2": "Choice and consent",
    "P3": "Collection", "P4": "Use, retention and disposal", "P5": "Access",
    "P6": "Disclosure and notification",
    "P7": "Quality", "P8": "Monitoring and enforcement",
  ]

  static let criteria: [(String, String)] = [
    ("CC1.1", "Commitment to integrity and ethical values"),
    ("CC1.2", "Board independence and oversight of internal control"),
    ("CC1.3", "Structures, reporting lines and authority"),
    ("CC1.4", "Attracting, developing and retaining competent people"),
    ("CC1.5", "Holding people accountable for internal control"),
    ("CC2.1", "Relevant, quality information for internal control"),
    ("CC2.2", "Communicating control information inside the entity"),
    ("CC2.3", "Communicating with external parties"),
    ("CC3.1", "Objectives specific enough to assess risk"),
    ("CC3.2", "Identifying and analysing risk"),
    ("CC3.3", "Considering the potential for fraud"),
    ("CC3.4", "Assessing changes that affect internal control"),
    ("CC4.1", "Ongoing and separate evaluations"),
    ("CC4.2", "Evaluating and reporting deficiencies"),
    ("CC5.1", "Control activities that mitigate risk"),
    ("CC5.2", "General controls over technology"),
    ("CC5.3", "Policies and procedures that put controls in place"),
    ("CC6.1", "Logical access security software, infrastructure and architecture"),
    ("CC6.2", "Registering and authorising new users"),
    ("CC6.3", "Changing and removing access, least privilege"),
    ("CC6.4", "Restricting physical access"),
    ("CC6.5", "Disposing of assets safely"),
    ("CC6.6", "Protecting against threats from outside the system boundary"),
    ("CC6.7", "Restricting the movement and transmission of information"),
    ("CC6.8", "Preventing and detecting unauthorised or malicious software"),
    ("CC7.1", "Detecting configuration changes and vulnerabilities"),
    ("CC7.2", "Monitoring system components for anomalies"),
    ("CC7.3", "Evaluating security events"),
    ("CC7.4", "Responding to security incidents"),
    ("CC7.5", "Recovering from security incidents"),
    ("CC8.1", "Managing changes to infrastructure, data and software"),
    ("CC9.1", "Mitigating the risk of business disruption"),
    ("CC9.2", "Managing vendor and business partner risk"),
    ("A1.1", "Managing capacity to meet objectives"),
    ("A1.2", "Environmental protection, backup and recovery infrastructure"),
    ("A1.3", "Testing recovery plans"),
    ("PI1.1", "Defining the data processed and the product"),
    ("PI1.2", "Complete and accurate inputs"),
    ("PI1.3", "Complete, accurate and timely processing"),
    ("PI1.4", "Complete and accurate outputs"),
    ("PI1.5", "Storing inputs, items in process and outputs"),
    ("C1.1", "Identifying and protecting confidential information"),
    ("C1.2", "Disposing of confidential information"),
    ("P1.1", "Notice of privacy practices"),
    ("P2.1", "Choice and consent"),
    ("P3.1", "Collecting personal information consistent with objectives"),
    ("P3.2", "Explicit consent for collection"),
    ("P4.1", "Limiting the use of personal information"),
    ("P4.2", "Retaining personal information"),
    ("P4.3", "Disposing of personal information"),
    ("P5.1", "Data subjects' access to their information"),
    ("P5.2", "Correcting personal information"),
    ("P6.1", "Disclosing personal information to third parties"),
    ("P6.2", "Recording authorised disclosures"),
    ("P6.3", "Recording unauthorised disclosures"),
    ("P6.4", "Privacy commitments of vendors"),
    ("P6.5", "Vendors' notice of unauthorised disclosures"),
    ("P6.6", "Notifying breaches"),
    ("P6.7", "Accounting of personal information held"),
    ("P7.1", "Quality of personal information"),
    ("P8.1", "Inquiries, complaints and disputes"),
  ]
}
