CREATE TABLE `integration` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`status_message` text,
	`tool_count` integer DEFAULT 0 NOT NULL,
	`source_url` text,
	`base_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`refreshed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integration_slug_unique` ON `integration` (`slug`);--> statement-breakpoint
CREATE TABLE `tool` (
	`integration_id` text NOT NULL,
	`path` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`input_schema` text NOT NULL,
	`output_schema` text NOT NULL,
	`annotations` text NOT NULL,
	`operation` text NOT NULL,
	`declaration` text,
	PRIMARY KEY(`integration_id`, `path`),
	FOREIGN KEY (`integration_id`) REFERENCES `integration`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Written by hand (drizzle cannot express FTS5): the search index over integrations' tools,
-- written by server/catalog/tool-store.ts in the same batch as `tool`. path_words holds the
-- full path `<slug>.<path>` split on dots, underscores and camelCase; porter stems every word.
CREATE VIRTUAL TABLE `tool_search` USING fts5(
	`integration_id` UNINDEXED,
	`path` UNINDEXED,
	`path_words`,
	`title`,
	`description`,
	`parameter_names`,
	tokenize = 'porter unicode61 remove_diacritics 2',
	prefix = '2 3'
);
--> statement-breakpoint
-- The cascade from integration removes `tool` rows; this removes their search rows with them.
CREATE TRIGGER `integration_delete_tool_search` AFTER DELETE ON `integration` BEGIN
	DELETE FROM `tool_search` WHERE `integration_id` = OLD.`id`;
END;
