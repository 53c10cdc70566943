/// The dictionary of semantic keys (docs/forms.md, "Semantic keys").
public enum SemanticKeys {
    public static let roles: Set<String> = ["applicant", "child", "mother", "father", "bride", "groom", "deceased",
                                            "subject", "spouse", "host", "member", "dossier", "business"]
    public static let attributes: Set<String> = [
        "full_name", "birth_date", "gender", "ethnicity", "nationality", "birth_place", "hometown", "residence",
        "current_address", "id_type", "id_number", "id_issue_date", "id_issue_place", "phone", "email", "occupation",
        "marital_status", "relationship", "death_date", "death_place", "death_cause", "marriage_certificate_number",
        "birth_certificate_number", "death_certificate_number", "marital_status_certificate_number", "copies", "purpose",
        // A household business (role `business`): what later procedures of
        // the business reuse; `registration_number` is the result the
        // registration produces.
        "name", "address", "lines", "capital", "tax_code", "registration_number",
    ]
    /// Kinds of document, for document components' keys (`bride.identity_document`).
    public static let documentKinds: Set<String> = [
        "identity_document", "marriage_certificate", "birth_certificate", "death_certificate", "marital_status_certificate",
        "residence_proof", "relationship_proof", "divorce_decision", "death_extract", "authorization",
    ]

    /// The roles the keys of these fields use (`mother` for `mother.full_name`).
    static func roles(of fields: [FieldDefinition]) -> Set<String> {
        Set(fields.compactMap { $0.key.flatMap { split($0)?.role } })
    }

    /// `("mother", "full_name")` for `mother.full_name`; nil when not of that shape.
    public static func split(_ key: String) -> (role: String, attribute: String)? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } }) else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
