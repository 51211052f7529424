CREATE TABLE `policy` (
	`id` text PRIMARY KEY NOT NULL,
	`pattern` text NOT NULL,
	`action` text NOT NULL,
	`note` text,
	`position` integer NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `policy_position_idx` ON `policy` (`position`);--> statement-breakpoint
CREATE TABLE `tool_result` (
	`execution_id` text NOT NULL,
	`seq` integer NOT NULL,
	`part` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`execution_id`, `seq`, `part`),
	FOREIGN KEY (`execution_id`) REFERENCES `execution`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `execution` ADD `seed` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `execution` ADD `pending` text;--> statement-breakpoint
ALTER TABLE `execution` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `execution` ADD `resumed_at` integer;--> statement-breakpoint
ALTER TABLE `execution` ADD `auto_approve` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `execution_status_idx` ON `execution` (`status`);--> statement-breakpoint
ALTER TABLE `tool_call` ADD `error_name` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `args_hash` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `settle_index` integer;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `settled_at` integer;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `policy` text;--> statement-breakpoint
ALTER TABLE `tool_call` ADD `approval` text;