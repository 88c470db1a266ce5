export { createApiDispatcher, isApiMethod, isResult, type ApiDispatcher } from './dispatch';
export { createEventBatcher, realScheduler, type BatchScheduler, type EventBatcher } from './events';
export { overrideApi } from './override';
export { apiArgSchemas, apiParamNames, settingsViewSchema } from './schemas';
