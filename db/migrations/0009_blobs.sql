CREATE TABLE `blob` (
	`key` text PRIMARY KEY NOT NULL,
	`generation` text NOT NULL,
	`size` integer NOT NULL,
	`content_type` text NOT NULL,
	`encoding` text NOT NULL,
	`chunk_count` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `blob_chunk` (
	`key` text NOT NULL,
	`generation` text NOT NULL,
	`seq` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`key`, `generation`, `seq`)
);
