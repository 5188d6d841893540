// tsyringe needs the Reflect polyfill loaded before it; every module imports tsyringe through here.
import 'reflect-metadata';
export { container, inject, injectable } from 'tsyringe';
