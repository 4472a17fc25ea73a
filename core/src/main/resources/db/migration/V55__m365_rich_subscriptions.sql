-- Whether a Microsoft Graph subscription asked for resource data (rich notifications): such a mail subscription
-- lives at most a day, and one made under the other setting is replaced at its next renewal.
ALTER TABLE m365_subscriptions ADD COLUMN include_resource_data boolean NOT NULL DEFAULT false;
