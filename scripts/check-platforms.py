#!/usr/bin/env python3
"""Checks the mobile bundle configuration (issue 16 §3), since no APK or IPA
can be built on these machines: Dioxus.toml points at the platform files,
every file the manifest references exists, and the settings that keep the
vault on the phone and the traffic on TLS are what they must be.
Exits non-zero with every finding listed."""
import plistlib
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
A = "{http://schemas.android.com/apk/res/android}"
problems = []


def check(ok, message):
    if not ok:
        problems.append(message)


config = tomllib.loads((ROOT / "Dioxus.toml").read_text())
app = config.get("application", {})
paths = {}
for key in ("android_manifest", "ios_info_plist", "ios_entitlements"):
    value = app.get(key)
    check(value, f"Dioxus.toml [application] {key} is not set")
    if value:
        paths[key] = ROOT / value
        check(paths[key].is_file(), f"Dioxus.toml {key} = {value}: no such file")
check(app.get("android_min_sdk_version", 0) >= 28, "android_min_sdk_version below 28")
if problems:
    sys.exit("\n".join(problems))

# ---- Android
manifest = paths["android_manifest"]
res = manifest.parent / "res"
application = ET.parse(manifest).getroot().find("application")
check(application is not None, "AndroidManifest.xml has no <application>")
attrs = application.attrib if application is not None else {}
check(attrs.get(A + "allowBackup") == "false", "android:allowBackup must be false")
check(attrs.get(A + "usesCleartextTraffic") == "false", "android:usesCleartextTraffic must be false")
for attr in ("dataExtractionRules", "fullBackupContent", "networkSecurityConfig"):
    check(A + attr in attrs, f"android:{attr} is missing")
# Every @xml/... reference resolves to a file that parses.
xml_files = {}
for name, value in attrs.items():
    if value.startswith("@xml/"):
        path = res / "xml" / (value[len("@xml/"):] + ".xml")
        check(path.is_file(), f"{name.replace(A, 'android:')} -> {value}: {path} does not exist")
        if path.is_file():
            xml_files[name.replace(A, "")] = ET.parse(path).getroot()


def excludes_everything(section, where):
    """No <include>, and the files domain (the vault) and the others excluded."""
    check(section is not None, f"{where}: section missing")
    if section is None:
        return
    check(section.find("include") is None, f"{where}: must not include anything")
    excluded = {(e.get("domain"), e.get("path")) for e in section.findall("exclude")}
    for domain in ("file", "database", "sharedpref", "root", "external"):
        check((domain, ".") in excluded, f"{where}: domain {domain!r} not excluded")


rules = xml_files.get("dataExtractionRules")
if rules is not None:
    check(rules.tag == "data-extraction-rules", "data_extraction_rules: wrong root element")
    excludes_everything(rules.find("cloud-backup"), "data_extraction_rules cloud-backup")
    excludes_everything(rules.find("device-transfer"), "data_extraction_rules device-transfer")
backup = xml_files.get("fullBackupContent")
if backup is not None:
    check(backup.tag == "full-backup-content", "backup rules: wrong root element")
    excludes_everything(backup, "fullBackupContent")
nsc = xml_files.get("networkSecurityConfig")
if nsc is not None:
    base = nsc.find("base-config")
    check(base is not None and base.get("cleartextTrafficPermitted") == "false",
          "network_security_config: base-config must forbid cleartext")
    check(nsc.find("base-config/trust-anchors/certificates[@src='user']") is None,
          "network_security_config: user-added CAs must not be trusted")
    for dc in nsc.findall("domain-config"):
        if dc.get("cleartextTrafficPermitted") == "true":
            domains = [d.text for d in dc.findall("domain")]
            check(set(domains) <= {"localhost", "127.0.0.1", "::1"},
                  f"network_security_config: cleartext allowed beyond loopback: {domains}")
            check(all(d.get("includeSubdomains") != "true" for d in dc.findall("domain")),
                  "network_security_config: cleartext loopback must not include subdomains")

# ---- iOS
with open(paths["ios_info_plist"], "rb") as f:
    info = plistlib.load(f)
check("NSFileProtectionKey" not in info,
      "Info.plist: data protection is an entitlement, not an Info.plist key")
ats = info.get("NSAppTransportSecurity", {})
for key in ("NSAllowsArbitraryLoads", "NSAllowsArbitraryLoadsInWebContent", "NSAllowsLocalNetworking"):
    check(ats.get(key, False) is False, f"Info.plist: ATS {key} must not be true")
check("NSExceptionDomains" not in ats, "Info.plist: no ATS exception domains")
with open(paths["ios_entitlements"], "rb") as f:
    entitlements = plistlib.load(f)
check(entitlements.get("com.apple.developer.default-data-protection") == "NSFileProtectionComplete",
      "entitlements: com.apple.developer.default-data-protection must be NSFileProtectionComplete")

if problems:
    sys.exit("platform config:\n  " + "\n  ".join(problems))
print("platform config: ok")
