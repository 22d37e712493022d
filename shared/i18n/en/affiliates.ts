// The public affiliates pages.
export default {
  'affiliates.title': 'Wikimedia affiliates',
  'affiliates.intro': 'The affiliates recognised today, with their pages on Meta-Wiki.',
  'affiliates.empty': 'No affiliates are listed yet.',
  'affiliates.formerly.title': 'Formerly Active Affiliates',
  'affiliates.formerly.intro':
    'Affiliates whose annual report did not arrive in time. A group returns to the affiliates page when it files its report and is reinstated.',
  'affiliates.formerly.empty': 'No affiliate is listed as formerly active.',
  'affiliates.formerly.since': 'Formerly active since {date}',
  'affiliates.logo': 'Logo of {name}',
  'affiliates.metaPage': 'Page on Meta-Wiki',
  'affiliates.type.user_group': 'User group',
  'affiliates.type.chapter': 'Chapter',
  'affiliates.type.thematic_organization': 'Thematic organization',
  'affiliates.link.formerly': 'Formerly Active Affiliates',
  'affiliates.link.current': 'Current affiliates',
};
