//! SEPA credit transfers: an ISO 20022 `pain.001.001.03` file of EUR payouts from the vendor's
//! account (the debtor) to partners' IBANs, one payment information block, every text escaped
//! and cut to the schema's lengths.

use portico_api::date::Date;
use portico_api::payee::{bic, iban};

/// The account payouts leave from, given as `name;IBAN;BIC`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debtor {
    pub name: String,
    pub iban: String,
    pub bic: String,
}

impl Debtor {
    pub fn parse(text: &str) -> Result<Debtor, String> {
        let parts: Vec<&str> = text.split(';').map(str::trim).collect();
        let [name, account, code] = parts.as_slice() else {
            return Err("give the paying account as name;IBAN;BIC".into());
        };
        if name.is_empty() {
            return Err("name the paying account's holder".into());
        }
        Ok(Debtor {
            name: (*name).to_owned(),
            iban: iban(account).map_err(str::to_owned)?,
            bic: bic(code).map_err(str::to_owned)?,
        })
    }
}

/// One transfer.
#[derive(Debug, Clone)]
pub struct Transfer<'a> {
    /// Unique per transfer, at most 35 characters.
    pub end_to_end_id: &'a str,
    /// Cents of EUR, positive.
    pub amount: i64,
    pub creditor: &'a str,
    pub iban: &'a str,
    pub bic: &'a str,
    pub remittance: &'a str,
}

/// The whole file. `created` is the moment it was made (`YYYY-MM-DDThh:mm:ss`).
pub fn credit_transfer(
    debtor: &Debtor,
    message_id: &str,
    created: &str,
    execution: Date,
    transfers: &[Transfer<'_>],
) -> String {
    let count = transfers.len();
    let sum = euros(transfers.iter().map(|t| t.amount).sum());
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n\
         <CstmrCdtTrfInitn>\n\
         <GrpHdr><MsgId>{id}</MsgId><CreDtTm>{created}</CreDtTm><NbOfTxs>{count}</NbOfTxs>\
         <CtrlSum>{sum}</CtrlSum><InitgPty><Nm>{debtor_name}</Nm></InitgPty></GrpHdr>\n\
         <PmtInf><PmtInfId>{id}</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>true</BtchBookg>\
         <NbOfTxs>{count}</NbOfTxs><CtrlSum>{sum}</CtrlSum>\
         <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf><ReqdExctnDt>{execution}</ReqdExctnDt>\
         <Dbtr><Nm>{debtor_name}</Nm></Dbtr><DbtrAcct><Id><IBAN>{debtor_iban}</IBAN></Id></DbtrAcct>\
         <DbtrAgt><FinInstnId><BIC>{debtor_bic}</BIC></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>\n",
        id = text(message_id, 35),
        debtor_name = text(&debtor.name, 70),
        debtor_iban = debtor.iban,
        debtor_bic = debtor.bic,
    );
    for t in transfers {
        xml.push_str(&format!(
            "<CdtTrfTxInf><PmtId><EndToEndId>{}</EndToEndId></PmtId>\
             <Amt><InstdAmt Ccy=\"EUR\">{}</InstdAmt></Amt>\
             <CdtrAgt><FinInstnId><BIC>{}</BIC></FinInstnId></CdtrAgt><Cdtr><Nm>{}</Nm></Cdtr>\
             <CdtrAcct><Id><IBAN>{}</IBAN></Id></CdtrAcct><RmtInf><Ustrd>{}</Ustrd></RmtInf>\
             </CdtTrfTxInf>\n",
            text(t.end_to_end_id, 35),
            euros(t.amount),
            t.bic,
            text(t.creditor, 70),
            t.iban,
            text(t.remittance, 140),
        ));
    }
    xml.push_str("</PmtInf>\n</CstmrCdtTrfInitn>\n</Document>\n");
    xml
}

/// "1234.50"
fn euros(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// At most `max` characters of `value`, escaped for XML text.
fn text(value: &str, max: usize) -> String {
    let cut: String = value.trim().chars().take(max).collect();
    cut.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_paying_account_is_checked_like_a_payees() {
        let debtor = Debtor::parse("Acme Corp; DE89 3704 0044 0532 0130 00 ; cobadeffxxx").unwrap();
        assert_eq!(debtor.iban, "DE89370400440532013000");
        assert_eq!(debtor.bic, "COBADEFFXXX");
        assert!(Debtor::parse("Acme;DE00").is_err());
        assert!(Debtor::parse("Acme;DE89370400440532013001;COBADEFFXXX").is_err());
    }

    #[test]
    fn texts_are_escaped_and_cut_and_sums_add_up() {
        let debtor = Debtor::parse("Acme & Co;DE89370400440532013000;COBADEFFXXX").unwrap();
        let transfers = [
            Transfer {
                end_to_end_id: "P-1",
                amount: 50_005,
                creditor: "<Northwind> GmbH",
                iban: "GB29NWBK60161331926819",
                bic: "NWBKGB2L",
                remittance: "Payout",
            },
            Transfer {
                end_to_end_id: "P-2",
                amount: 95,
                creditor: &"x".repeat(90),
                iban: "DE89370400440532013000",
                bic: "COBADEFF",
                remittance: "Payout",
            },
        ];
        let xml = credit_transfer(
            &debtor,
            "M-1",
            "2026-12-05T10:00:00",
            Date::new(2026, 12, 7).unwrap(),
            &transfers,
        );
        assert!(xml.contains("<Nm>Acme &amp; Co</Nm>"));
        assert!(xml.contains("<Nm>&lt;Northwind&gt; GmbH</Nm>"));
        assert!(xml.contains(&format!("<Nm>{}</Nm>", "x".repeat(70))));
        assert!(xml.contains("<CtrlSum>501.00</CtrlSum>"));
        assert!(xml.contains("<InstdAmt Ccy=\"EUR\">0.95</InstdAmt>"));
        assert_eq!(xml.matches("<CdtTrfTxInf>").count(), 2);
    }
}
