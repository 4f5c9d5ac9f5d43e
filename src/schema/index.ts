import { builder } from '../builder.js';
import './entity.js';
import './entity-types.js';
// One file per kind with its fields (as Pothos' complex-app example lays out its types).
import './kinds/company.js';
import './kinds/unit.js';
import './kinds/subsidiary.js';
import './kinds/region.js';
import './kinds/branch.js';
import './kinds/partner.js';
import './kinds/organization.js';
import './kinds/program.js';
import './kinds/product.js';
import './kinds/event.js';
import './kinds/person.js';
import './kinds/award.js';
import './kinds/publication.js';
import './kinds/metric.js';
import './query.js';
import './search.js';
import './graph.js';
import './stats.js';
import './report.js';
import './sentence.js';
import './kinds/theme.js';
import './where.js';
import './aggregate.js';

export const schema = builder.toSchema({ sortSchema: false });
