import { builder } from '../builder.js';
import './entity.js';
import './organisation.js';
import './region.js';
import './partner.js';
import './program.js';
import './people.js';
import './metric.js';
import './query.js';
import './search.js';
import './graph.js';
import './stats.js';
import './report.js';
import './theme.js';
import './where.js';
import './aggregate.js';

export const schema = builder.toSchema({ sortSchema: false });
