use core_foundation::base::{CFType, TCFType};
use core_foundation::boolean::CFBoolean;
use core_foundation::data::CFData;
use core_foundation::dictionary::CFDictionary;
use core_foundation::string::CFString;
use security_framework::access_control::{ProtectionMode, SecAccessControl};
use security_framework_sys::base::{errSecItemNotFound, errSecSuccess};
use security_framework_sys::item::{
    kSecAttrAccessControl, kSecAttrAccount, kSecAttrService, kSecAttrSynchronizable, kSecClass,
    kSecClassGenericPassword, kSecReturnData, kSecValueData,
};
use security_framework_sys::keychain_item::{SecItemAdd, SecItemCopyMatching, SecItemDelete, SecItemUpdate};
use zeroize::Zeroizing;

/// A Keychain call that failed, with its `OSStatus`.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    #[error("keychain: status {0}")]
    Status(i32),
    #[error("keychain: the item holds no data")]
    NoData,
}

fn check(status: i32) -> Result<(), KeychainError> {
    if status == errSecSuccess {
        Ok(())
    } else {
        Err(KeychainError::Status(status))
    }
}

fn key(constant: core_foundation::string::CFStringRef) -> CFString {
    // SAFETY: the constants are static CFStrings exported by Security.framework.
    unsafe { CFString::wrap_under_get_rule(constant) }
}

/// The item of one vault: service and account name it.
pub struct Item {
    service: String,
    account: String,
}

impl Item {
    pub fn new(service: &str, account: &str) -> Self {
        Self {
            service: service.into(),
            account: account.into(),
        }
    }

    /// Finds this item (and only a this-device, non-synchronised one).
    fn query(&self, extra: Vec<(CFString, CFType)>) -> CFDictionary<CFString, CFType> {
        let mut pairs = vec![
            (
                key(unsafe { kSecClass }),
                key(unsafe { kSecClassGenericPassword }).into_CFType(),
            ),
            (
                key(unsafe { kSecAttrService }),
                CFString::new(&self.service).into_CFType(),
            ),
            (
                key(unsafe { kSecAttrAccount }),
                CFString::new(&self.account).into_CFType(),
            ),
            (
                key(unsafe { kSecAttrSynchronizable }),
                CFBoolean::false_value().into_CFType(),
            ),
        ];
        pairs.extend(extra);
        CFDictionary::from_CFType_pairs(&pairs)
    }

    /// The stored bytes, or `None` when there is no item.
    pub fn read(&self) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainError> {
        let query = self.query(vec![(
            key(unsafe { kSecReturnData }),
            CFBoolean::true_value().into_CFType(),
        )]);
        let mut found = std::ptr::null();
        // SAFETY: a valid dictionary in, an owned CFTypeRef out (create rule).
        let status = unsafe { SecItemCopyMatching(query.as_concrete_TypeRef(), &mut found) };
        if status == errSecItemNotFound {
            return Ok(None);
        }
        check(status)?;
        if found.is_null() {
            return Err(KeychainError::NoData);
        }
        // SAFETY: with kSecReturnData and one match the result is a CFData we own.
        let data = unsafe { CFType::wrap_under_create_rule(found) };
        let data = data.downcast_into::<CFData>().ok_or(KeychainError::NoData)?;
        Ok(Some(Zeroizing::new(data.bytes().to_vec())))
    }

    /// Makes the item anew with `bytes` (a new vault): any old one goes.
    pub fn create(&self, bytes: &[u8]) -> Result<(), KeychainError> {
        self.delete()?;
        let access =
            SecAccessControl::create_with_protection(Some(ProtectionMode::AccessibleWhenUnlockedThisDeviceOnly), 0)
                .map_err(|e| KeychainError::Status(e.code()))?;
        let attributes = self.query(vec![
            (key(unsafe { kSecAttrAccessControl }), access.into_CFType()),
            (key(unsafe { kSecValueData }), CFData::from_buffer(bytes).into_CFType()),
        ]);
        // SAFETY: a valid dictionary in; no result asked for.
        check(unsafe { SecItemAdd(attributes.as_concrete_TypeRef(), std::ptr::null_mut()) })
    }

    /// Replaces the bytes of the existing item in one call (the wrong-PIN
    /// counter changes at every unlock: never delete-then-add here, a stop
    /// in between would lose the secret and so the vault). Its protection
    /// stays as it was made.
    pub fn update(&self, bytes: &[u8]) -> Result<(), KeychainError> {
        let query = self.query(Vec::new());
        let change = CFDictionary::from_CFType_pairs(&[(
            key(unsafe { kSecValueData }),
            CFData::from_buffer(bytes).into_CFType(),
        )]);
        // SAFETY: two valid dictionaries in.
        check(unsafe { SecItemUpdate(query.as_concrete_TypeRef(), change.as_concrete_TypeRef()) })
    }

    /// Deletes the item; no item is fine.
    pub fn delete(&self) -> Result<(), KeychainError> {
        let query = self.query(Vec::new());
        // SAFETY: a valid dictionary in.
        match unsafe { SecItemDelete(query.as_concrete_TypeRef()) } {
            s if s == errSecItemNotFound => Ok(()),
            s => check(s),
        }
    }
}
