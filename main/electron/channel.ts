/** The one IPC channel between the preload and main. Its own file: the preload bundle must not pull in node:path. */
export const IPC_CHANNEL = 'paneldesk:call';
