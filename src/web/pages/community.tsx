import type { PublicPost, Warning } from '../../community/posts.ts';
import { POST_KINDS } from '../../community/posts.ts';
import type { Page, View } from '../view.ts';
import { when } from './console-common.tsx';
import { FieldMessage, FormAlert, Hidden, invalidAttrs, PolicyNote, type FormState } from './form-parts.tsx';
import { publicText, type PublicTextKey } from './public-text.ts';

export type CommunityModel = { posts: readonly PublicPost[]; csrf: string | null; form: FormState; warnings: readonly Warning[]; posted: boolean };

/**
 * Feedback and comments (C09): each post shows its username, city and text, nothing else. The
 * form says first that a post is public and unprotected; when the detector finds personal data
 * the form comes back with what it found and a box to tick before it is published.
 * @clause C09 @clause C15
 */
export function communityPage(v: View, m: CommunityModel): Page {
  const p = publicText(v.lang);
  const val = (f: string) => m.form.values[f] ?? '';
  const text = (name: 'username' | 'city', max: number, label: string) => (
    <div class="field"><label for={`post-${name}`}>{label}</label>
      <input id={`post-${name}`} name={name} type="text" required maxlength={max} value={val(name)} {...invalidAttrs(m.form, name, `post-${name}`)} />
      <FieldMessage v={v} s={m.form} name={name} id={`post-${name}`} /></div>
  );
  const kinds = [...new Set(m.warnings.map((w) => w.type))];
  return {
    title: p('community.title'),
    body: (
      <section class="panel" aria-labelledby="community-title">
        <h1 id="community-title">{p('community.title')}</h1>
        <p class="lead">{p('community.lead')}</p>
        <p class="notice" id="community-public" role="note"><strong>{p('community.public')}</strong></p>
        {m.posted && <p class="form-ok" role="status">{p('community.posted')}</p>}
        {m.csrf === null ? <p><a href="/signin?next=%2Fcommunity">{p('community.signin')}</a></p> : (
          <form id="community-form" method="post" action="/community" novalidate aria-describedby="community-public">
            <Hidden csrf={m.csrf} />
            <input type="hidden" name="lang" value={v.lang} />
            <div class="field"><label for="post-kind">{p('community.kind')}</label>
              <select id="post-kind" name="kind">{POST_KINDS.map((k) => <option value={k} selected={val('kind') === k}>{p(`community.kind.${k}` as PublicTextKey)}</option>)}</select></div>
            {text('username', 40, p('community.username'))}
            {text('city', 80, p('community.city'))}
            <div class="field"><label for="post-body">{p('community.body')}</label>
              <textarea id="post-body" name="body" rows={5} required maxlength={5000} {...invalidAttrs(m.form, 'body', 'post-body')}>{val('body')}</textarea>
              <FieldMessage v={v} s={m.form} name="body" id="post-body" /></div>
            {kinds.length > 0 && (
              <div class="warning" role="alert" id="community-warnings">
                <p>{p('community.review')}</p>
                <ul>{kinds.map((k) => <li data-warning={k}>{p(`warn.${k}` as PublicTextKey)}</li>)}</ul>
                <label><input type="checkbox" name="confirmed" value="true" /> {p('community.confirm')}</label>
              </div>
            )}
            <PolicyNote t={v.t} section={1} />
            {kinds.length === 0 && <FormAlert v={v} s={m.form} labels={{ username: p('community.username'), city: p('community.city'), body: p('community.body') }} />}
            <button class="button" type="submit">{p('community.submit')}</button>
          </form>
        )}
        {m.posts.length === 0 ? <p class="empty">{p('community.empty')}</p> : (
          <ol class="posts" id="community-posts">
            {m.posts.map((post) => (
              <li class="post" data-kind={post.kind}>
                <p class="post-meta"><strong class="post-author">{post.username}</strong> · <span class="post-city">{post.city}</span> · <span class="post-kind">{p(`community.kind.${post.kind}` as PublicTextKey)}</span> · {when(v, post.postedAt)}</p>
                <p class="post-body">{post.body}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    ),
  };
}
