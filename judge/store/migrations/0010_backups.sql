-- When each backup of this database was taken (khue backup), so that the console can say how old the last one is.
CREATE TABLE backups (id {ID}, time {INT} NOT NULL, target TEXT NOT NULL, bytes {INT} NOT NULL);
